/**
 * An incremental Server-Sent Events parser (the WHATWG event-stream format) for the browser
 * host's event stream, which is read with fetch because EventSource cannot send an
 * Authorization header. Chunks may split anywhere, including inside a CRLF.
 */
export interface SseMessage {
  event: string;
  data: string;
  id: string | null;
}

export interface SseParser {
  /** Feeds decoded text; returns the messages completed by it. */
  push(chunk: string): SseMessage[];
  /** Milliseconds the server asked to wait before reconnecting, if it said so. */
  readonly retry: number | null;
}

export function createSseParser(): SseParser {
  let buffer = '';
  let eventName = '';
  let dataLines: string[] = [];
  let lastId: string | null = null;
  let retry: number | null = null;

  function dispatch(out: SseMessage[]): void {
    if (dataLines.length > 0)
      out.push({ event: eventName || 'message', data: dataLines.join('\n'), id: lastId });
    eventName = '';
    dataLines = [];
  }

  function line(text: string, out: SseMessage[]): void {
    if (text === '') return dispatch(out);
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventName = value;
    else if (field === 'data') dataLines.push(value);
    else if (field === 'id' && !value.includes('\0')) lastId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  }

  return {
    get retry() {
      return retry;
    },
    push(chunk) {
      buffer += chunk;
      const out: SseMessage[] = [];
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c !== '\n' && c !== '\r') continue;
        // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
        if (c === '\r' && i + 1 === buffer.length) break;
        const text = buffer.slice(start, i);
        if (c === '\r' && buffer[i + 1] === '\n') i++;
        start = i + 1;
        line(text, out);
      }
      buffer = buffer.slice(start);
      return out;
    },
  };
}
