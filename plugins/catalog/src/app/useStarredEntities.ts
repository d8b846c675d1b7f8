import { useCallback, useSyncExternalStore } from 'react';

const STORAGE_KEY = 'portal.catalog.starred';
const listeners = new Set<() => void>();

function read(): string[] {
  try {
    const value = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

let snapshot: string[] | undefined;
const getSnapshot = () => (snapshot ??= read());
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY) return;
    snapshot = undefined;
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
};

/** Entity refs the reader starred, kept in this browser. */
export function useStarredEntities(): { starred: string[]; isStarred(ref: string): boolean; toggle(ref: string): void } {
  const starred = useSyncExternalStore(subscribe, getSnapshot, () => []);
  const toggle = useCallback((ref: string) => {
    const current = read();
    const next = current.includes(ref) ? current.filter(r => r !== ref) : [...current, ref];
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    snapshot = next;
    for (const listener of listeners) listener();
  }, []);
  return { starred, isStarred: ref => starred.includes(ref), toggle };
}
