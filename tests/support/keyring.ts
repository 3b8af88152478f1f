/**
 * Keychain tests talk to a real Secret Service. They must run inside a throwaway D-Bus session
 * with an unlocked gnome-keyring (as `npm test` arranges), never against a developer's keychain.
 */
export function requireTestKeyring(): void {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(
      'These tests need a Secret Service: run them through `npm test`, or inside\n' +
        "  dbus-run-session -- bash -c 'echo pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run <files>'",
    );
  }
}
