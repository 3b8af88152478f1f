import { describe, expect, it } from 'vitest';
import { hostAppCsp, hostLinkPageCsp } from '../../src/main/host/csp';

const directive = (policy: string, name: string) =>
  policy
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.slice(name.length + 1);

describe('browser host CSP', () => {
  it('keeps the app page to its own origin, framing only its own Link page', () => {
    const csp = hostAppCsp();
    expect(directive(csp, 'default-src')).toBe("'self'");
    expect(directive(csp, 'script-src')).toBe("'self'");
    expect(directive(csp, 'connect-src')).toBe("'self'");
    expect(directive(csp, 'frame-src')).toBe("'self'");
    expect(directive(csp, 'object-src')).toBe("'none'");
    expect(directive(csp, 'base-uri')).toBe("'none'");
    expect(directive(csp, 'form-action')).toBe("'none'");
  });

  it("adds the Link session's origins to script-src, frame-src and connect-src of the Link page", () => {
    const csp = hostLinkPageCsp(['http://127.0.0.1:5000']);
    expect(directive(csp, 'script-src')).toBe("'self' http://127.0.0.1:5000");
    expect(directive(csp, 'connect-src')).toBe("'self' http://127.0.0.1:5000");
    expect(directive(csp, 'frame-src')).toContain('http://127.0.0.1:5000');
    expect(directive(csp, 'default-src')).toBe("'self'");
  });

  it('gives the Link page nothing extra without a valid session origin', () => {
    for (const origins of [[], ['http://evil.example'], ["https://a.example; script-src 'unsafe-eval'"]]) {
      const csp = hostLinkPageCsp(origins);
      expect(csp).toBe(hostAppCsp());
    }
  });
});
