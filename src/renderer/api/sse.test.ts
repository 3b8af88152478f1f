import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse';

const STREAM =
  'event: sync.progress\ndata: {"itemId":"i1","pages":2}\n\n' +
  ': keep-alive\n\n' +
  'event: ledger.changed\ndata: {"reason":"sync"}\n\n';

describe('SSE parser', () => {
  it('yields the same events however the stream is chunked, including mid-event and mid-field', () => {
    const whole = createSseParser().push(STREAM);
    expect(whole).toEqual([
      { event: 'sync.progress', data: '{"itemId":"i1","pages":2}', id: null },
      { event: 'ledger.changed', data: '{"reason":"sync"}', id: null },
    ]);
    for (let size = 1; size <= 17; size++) {
      const parser = createSseParser();
      const seen = [];
      for (let i = 0; i < STREAM.length; i += size) seen.push(...parser.push(STREAM.slice(i, i + size)));
      expect(seen, `chunks of ${size}`).toEqual(whole);
    }
  });

  it('does not emit an event until its blank line arrives', () => {
    const parser = createSseParser();
    expect(parser.push('event: ledger.changed\ndata: {"reason":')).toEqual([]);
    expect(parser.push('"x"}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'ledger.changed', data: '{"reason":"x"}', id: null }]);
  });

  it('handles CRLF split across chunks, multi-line data, ids, retry and the default event name', () => {
    const parser = createSseParser();
    const out = [
      ...parser.push('id: 7\r'),
      ...parser.push('\ndata: a\r\ndata:b\r\nretry: 3000\r'),
      ...parser.push('\n\r\n'),
    ];
    expect(out).toEqual([{ event: 'message', data: 'a\nb', id: '7' }]);
    expect(parser.retry).toBe(3000);
  });

  it('ignores comments and events without data', () => {
    expect(createSseParser().push(': hello\n\nevent: nothing\n\n')).toEqual([]);
  });
});
