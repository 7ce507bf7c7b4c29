import SonicBoom from "sonic-boom";
import TransportStream from "winston-transport";

const MESSAGE = Symbol.for("message");

/**
 * A winston transport that writes finished lines to a file descriptor through sonic-boom. With
 * `buffered`, lines are collected and written in chunks (at 4 KiB, every 250 ms and at exit):
 * on Linux a write to a pipe is synchronous, and one write per request line cost the server
 * about half its throughput on small requests. Without it every line is written at once.
 */
export class BufferedFdTransport extends TransportStream {
  private readonly out: SonicBoom;

  constructor(options: TransportStream.TransportStreamOptions & { fd: number; buffered: boolean }) {
    super(options);
    this.out = options.buffered
      ? new SonicBoom({ fd: options.fd, minLength: 4096 })
      : new SonicBoom({ fd: options.fd, sync: true });
    if (options.buffered) {
      setInterval(() => this.out.flush(), 250).unref();
      process.once("exit", () => this.out.flushSync());
    }
  }

  override log(info: Record<string | symbol, unknown>, callback: () => void): void {
    this.out.write(`${String(info[MESSAGE])}\n`);
    callback();
  }
}
