import { lazy, Suspense, useState, type ComponentType } from 'react';
import type { SliceContext } from '../ui/slice-context';
import type { Intents, Shell } from './shell';

export interface ViewProps {
  /** Set where the view is shown on its own (Settings before any account is linked): the way back. */
  onBack?(): void;
}

/** A command the view offers beyond showing itself (for the command palette). */
export interface ViewAction<S> {
  id: string;
  label: string;
  run(slice: S, shell: Shell): void;
}

/** What a feature writes to become a view: everything the app needs, in one place. */
export interface ViewSpec<S> {
  /** Navigation state and the palette refer to the view by it. */
  id: string;
  /** The navigation's and the palette's name for the view. */
  label: string;
  /** `tabs`: the navigation above the views; `footer`: the links below the app. */
  place: 'tabs' | 'footer';
  /** Whether the view makes sense before any account is linked (reached from the empty state). */
  withoutAccounts?: boolean;
  /** The view's own stores, made once at start. */
  createSlice(shell: Shell): S;
  /** How the view's components reach the slice. */
  context: SliceContext<S>;
  /**
   * The view's component, loaded when the view is first shown, so the build puts it (and what only
   * it uses, e.g. recharts) in a chunk of its own: `() => import('./XView').then((m) => m.XView)`.
   */
  loadComponent(): Promise<ComponentType<ViewProps>>;
  /** After the ledger changed: what to read again (null: nothing, e.g. not opened yet). */
  reload?(slice: S): Promise<unknown> | null;
  /**
   * Once the view the app opened on has drawn its data: what to read ahead (the view's code is
   * then loaded too), so that the view's first showing finds it. Absent: nothing before it is shown.
   */
  warm?(slice: S): void;
  intents?(slice: S, shell: Shell): Partial<Intents>;
  actions?: readonly ViewAction<S>[];
}

/** A view with its stores made: what the shell shows, reloads and offers. */
export interface MountedView {
  id: string;
  label: string;
  place: 'tabs' | 'footer';
  withoutAccounts: boolean;
  View: ComponentType<ViewProps>;
  /** Starts loading the view's code before it is shown (the view the app opens on). */
  preload(): void;
  reload(): Promise<unknown> | null;
  /** Reads ahead once the opening view is ready (see ViewSpec.warm). */
  warm(): void;
  intents: Partial<Intents>;
  actions: readonly { id: string; label: string; run(): void }[];
}

/** One line of the registry (app/views.ts). */
export interface ViewEntry {
  id: string;
  mount(shell: Shell): MountedView;
}

export function defineView<S>(spec: ViewSpec<S>): ViewEntry {
  return {
    id: spec.id,
    mount(shell) {
      const slice = spec.createSlice(shell);
      const { Provider } = spec.context;
      let loading: Promise<{ default: ComponentType<ViewProps> }> | null = null;
      let loaded: ComponentType<ViewProps> | null = null;
      const load = () =>
        (loading ??= spec.loadComponent().then((component) => {
          loaded = component;
          return { default: component };
        }));
      const Inner = lazy(load);
      function View(props: ViewProps) {
        // Code already here (preloaded, or shown before) renders without suspending: React holds a
        // suspended view's reveal back for up to 300 ms, which the landing view paid every start.
        // Chosen once per mount, so the view is never remounted when its code arrives.
        const [Body] = useState(() => loaded ?? Inner);
        return (
          <Provider value={slice}>
            <Suspense fallback={<p className="loading muted">Loading…</p>}>
              <Body {...props} />
            </Suspense>
          </Provider>
        );
      }
      View.displayName = `View(${spec.id})`;
      return {
        id: spec.id,
        label: spec.label,
        place: spec.place,
        withoutAccounts: spec.withoutAccounts ?? false,
        View,
        preload: () => void load(),
        reload: () => spec.reload?.(slice) ?? null,
        warm: () => {
          if (!spec.warm) return;
          void load();
          spec.warm(slice);
        },
        intents: spec.intents?.(slice, shell) ?? {},
        actions: (spec.actions ?? []).map((a) => ({
          id: a.id,
          label: a.label,
          run: () => a.run(slice, shell),
        })),
      };
    },
  };
}
