/**
 * The browser host's half of the typed event stream: Server-Sent Events framing over a plain
 * response, read by the renderer with fetch streaming (EventSource cannot send the token).
 */
import type { ServerResponse } from 'node:http';
import type { EventName, EventPayload } from '../../shared/events';

const HEARTBEAT_MS = 15_000;

export function frameEvent(name: string, payload: unknown): string {
  // JSON.stringify never emits a raw newline, so one `data:` line carries the whole payload.
  return `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
}

export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(heartbeatMs = HEARTBEAT_MS) {
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Takes over the response; `replay` are events the newcomer must see at once (e.g. a Link waiting to be shown). */
  attach(res: ServerResponse, headers: Record<string, string>, replay: string[] = []): void {
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(': connected\n\n');
    for (const frame of replay) res.write(frame);
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    this.write(frameEvent(name, payload));
  }

  private write(frame: string): void {
    for (const res of this.clients) res.write(frame);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
