import { loginSchema } from "@gridrisk/shared";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { ApiError } from "../api/http";
import { homeOf, useAuth } from "../auth/AuthContext";

/** Sign-in, validated with the same schema as the server. */
export function LoginPage() {
  const { t } = useTranslation();
  const { me, signIn } = useAuth();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (me) return <Navigate to={homeOf(me.role)} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = loginSchema.safeParse({ username, password });
    if (!parsed.success) {
      setError(t("login.missing"));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await signIn(parsed.data.username, parsed.data.password);
    } catch (caught) {
      const status = caught instanceof ApiError ? caught.status : 0;
      setError(status === 401 ? t("login.wrong") : status === 429 ? t("login.locked") : t("login.failed"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="page page--narrow">
      <form className="card form" onSubmit={submit} noValidate>
        <h1>{t("login.title")}</h1>
        <label>
          {t("login.username")}
          <input autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          {t("login.password")}
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="form__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t("login.signingIn") : t("login.submit")}
        </button>
      </form>
    </main>
  );
}
