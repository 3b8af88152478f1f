import { spawn } from 'node:child_process';
import { commonFlags, intFlag } from '../args';
import type { Command } from '../command';
import { withCore } from '../core-session';
import { ensureRendererBuilt, rendererDir } from '../project';
import { untilStopped } from '../signals';

function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run Coffer in your browser (a local server on 127.0.0.1 with a per-run token)',
  usage: 'coffer serve [--port N] [--open] [--rate-limit N]',
  optionsHelp: [
    '  --port N                port to listen on; 0 picks a free one (default 0)',
    '  --open                  open the address in the default browser',
    '  --rate-limit N          requests allowed per 10 s before the host answers 429 (default 2000)',
    '',
    'Prints the address to open (it carries the access token after #token=). Runs until interrupted.',
  ],
  options: { port: { type: 'string' }, open: { type: 'boolean' }, 'rate-limit': { type: 'string' } },
  async run(values, io) {
    const flags = commonFlags(values);
    const port = intFlag(values, 'port', 0, 0, 65535);
    const maxRequests = intFlag(values, 'rate-limit', 2000, 1, 1_000_000);
    ensureRendererBuilt(io.err);
    const { startHost } = await import('../../main/host/index');
    await withCore(
      flags,
      'browser-host',
      async (core) => {
        const host = await startHost({
          core,
          port,
          rendererDir,
          rateLimit: { maxRequests, windowMs: 10_000 },
        });
        for (const notice of core.info().notices) io.err(`note: ${notice}`);
        io.out(`Coffer is running at ${host.url}`);
        if (values.open === true) openInBrowser(host.url);
        await untilStopped();
        await host.close();
      },
      { create: true, switchable: true },
    );
  },
};
