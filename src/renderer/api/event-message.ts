import { events, type EventListener, type EventName, type EventPayload } from '../../shared/events';

export type ValidEvent = { [K in EventName]: { name: K; payload: EventPayload<K> } }[EventName];

function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** Checks an event from either transport against its schema; anything else is dropped. */
export function parseEvent(name: unknown, payload: unknown): ValidEvent | null {
  if (!isEventName(name)) return null;
  const parsed = events[name].safeParse(payload);
  return parsed.success ? ({ name, payload: parsed.data } as ValidEvent) : null;
}

/** Presentation events belong to the transport (the Link overlay); the app never sees them. */
export function isTransportEvent(event: ValidEvent): boolean {
  return event.name === 'link.present' || event.name === 'link.closed';
}

export function createEventFanout() {
  const listeners = new Set<EventListener>();
  return {
    emit(event: ValidEvent): void {
      for (const listener of listeners) {
        try {
          listener(event.name, event.payload);
        } catch (error) {
          console.error(`listener for ${event.name} failed`, error);
        }
      }
    },
    subscribe(listener: EventListener): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
