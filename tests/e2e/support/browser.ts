/**
 * What end-to-end tests share besides the processes: Chromium as the brief pins it, polling, the
 * simulator's Link stand-in walked as a user walks it, the host's API as a second client, and the
 * simulator's admin API.
 */
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const LONG = 90_000;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = LONG,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < end) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

/** The simulator's Link UI: inside the app's Link page (overlay iframe), in the iframe Link's script created. */
export function linkUi(page: Page): FrameLocator {
  return page.frameLocator('#link-overlay').frameLocator('iframe');
}

/** Clicks Link's Continue/Submit steps until Link closes (the overlay goes away on link.closed). */
export async function continueUntilLinkCloses(page: Page, what = 'Link to finish'): Promise<void> {
  const ui = linkUi(page);
  await waitUntil(what, async () => {
    if ((await page.locator('#link-overlay').count()) === 0) return true;
    const next = ui.getByRole('button', { name: /^(Continue|Submit)$/ });
    if (await next.first().isVisible()) await next.first().click({ timeout: 2_000 });
    return false;
  });
}

/** Logs in to Link's bank step as the demo's good user (user_good / pass_good) and submits. */
export async function logInAsGoodUser(ui: FrameLocator): Promise<void> {
  await ui.locator('input[name="username"]').fill('user_good', { timeout: LONG });
  await ui.locator('input[name="password"]').fill('pass_good');
  await ui
    .getByRole('button', { name: /^(Submit|Continue)$/ })
    .first()
    .click();
}

/** Links First Platypus Bank with the good credentials and waits for Link to close. */
export async function linkFirstPlatypus(
  page: Page,
  linkButton: Locator = page.getByRole('button', { name: 'Link account' }).first(),
): Promise<void> {
  await linkButton.click();
  const ui = linkUi(page);
  await ui.locator('[data-institution-id="ins_109508"]').click({ timeout: LONG });
  await logInAsGoodUser(ui);
  await continueUntilLinkCloses(page);
  await waitUntil('linking to finish', () =>
    page.getByRole('button', { name: 'Link account' }).first().isEnabled(),
  );
}

/**
 * Finishes Link in update mode after "Continue": logs in as the demo user when Link asks (it may
 * not, when the consent alone is new), then clicks through until Link closes.
 */
export async function finishUpdateModeLink(page: Page): Promise<void> {
  const ui = linkUi(page);
  const user = ui.locator('input[name="username"]');
  const loginShown = await user
    .waitFor({ timeout: 20_000 })
    .then(() => true)
    .catch(() => false);
  if (loginShown) await logInAsGoodUser(ui);
  await continueUntilLinkCloses(page);
}

/** The browser host's API as a second client: `POST /api/<name>` with the printed token. */
export function hostApi(printedUrl: string) {
  const url = new URL(printedUrl);
  const token = url.hash.replace('#token=', '');
  return async <T>(name: string, req: unknown = {}): Promise<T> => {
    const res = await fetch(`${url.origin}/api/${name}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(req),
    });
    const envelope = (await res.json()) as { ok: boolean; result?: T; error?: { message: string } };
    if (!envelope.ok) throw new Error(`${name} failed: ${envelope.error?.message ?? res.status}`);
    return envelope.result as T;
  };
}

/** The simulator's admin API, authenticated as the Plaid API is. */
export function simAdmin(sim: { url: string; clientId: string; secret: string }) {
  return async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sim.url}${path}`, {
      method,
      headers: {
        'PLAID-CLIENT-ID': sim.clientId,
        'PLAID-SECRET': sim.secret,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

/** Everything the page keeps: localStorage, sessionStorage, IndexedDB contents and cookies, as one string. */
export async function browserStorage(page: Page): Promise<string> {
  const dump = await page.evaluate(async () => {
    const out: Record<string, unknown> = {
      local: { ...localStorage },
      session: { ...sessionStorage },
      cookie: document.cookie,
    };
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const name = info.name;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        out[`idb:${name}:${store}`] = await new Promise((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      }
      db.close();
    }
    return JSON.stringify(out);
  });
  return dump + JSON.stringify(await page.context().cookies());
}
