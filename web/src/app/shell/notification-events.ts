/** Fired when notifications were marked read outside the bell, so the bell refreshes its count. */
const CHANGED = 'yrd:notifications-changed';

export function announceNotificationsChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

export function onNotificationsChanged(listener: () => void): () => void {
  window.addEventListener(CHANGED, listener);
  return () => window.removeEventListener(CHANGED, listener);
}
