/** A response read fully: status, headers and parsed JSON (or text). */
export interface TestResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** fetch() with the body read and parsed when it is JSON. */
export async function request<T = any>(url: string, init: RequestInit = {}): Promise<TestResponse<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  const isJson = response.headers.get("content-type")?.includes("application/json");
  return { status: response.status, headers: response.headers, text, body: (isJson ? JSON.parse(text) : text) as T };
}

/** POST with a JSON body. */
export function postJson<T = any>(url: string, body: unknown, headers: Record<string, string> = {}) {
  return request<T>(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
