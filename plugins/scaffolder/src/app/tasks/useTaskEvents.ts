import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ScaffolderTaskEvent } from '../../common/index.js';
import { useScaffolderClient } from '../api.js';

const EVENT_TYPES = ['log', 'completion', 'cancelled', 'recovered', 'step'];

/**
 * A task's events as they happen, over server-sent events. Events replayed after a reconnect are
 * dropped by id; the task itself is refetched when its status changes.
 */
export function useTaskEvents(taskId: string): { events: ScaffolderTaskEvent[]; connected: boolean; ended: boolean } {
  const client = useScaffolderClient();
  const queryClient = useQueryClient();
  const [events, setEvents] = useState<ScaffolderTaskEvent[]>([]);
  const [connected, setConnected] = useState(false);
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    setEvents([]);
    setEnded(false);
    const seen = new Set<string>();
    let pending: ScaffolderTaskEvent[] = [];
    let frame: number | undefined;
    // Busy steps log hundreds of lines a second: render them in batches, once per frame.
    const flush = () => {
      frame = undefined;
      const batch = pending;
      pending = [];
      setEvents(previous => [...previous, ...batch]);
    };
    const source = new EventSource(client.taskEventStreamUrl(taskId), { withCredentials: true });
    const onEvent = (message: MessageEvent<string>) => {
      let event: ScaffolderTaskEvent;
      try {
        event = JSON.parse(message.data) as ScaffolderTaskEvent;
      } catch {
        return;
      }
      const key = String(event.id ?? `${event.type}:${event.createdAt}:${event.body?.message}`);
      if (seen.has(key)) return;
      seen.add(key);
      event.type ??= message.type;
      event.body ??= {};
      pending.push(event);
      frame ??= requestAnimationFrame(flush);
      if (event.type === 'completion' || event.type === 'cancelled') {
        // The stream has said all it will: stop EventSource from reconnecting to hear it again.
        source.close();
        setConnected(false);
        setEnded(true);
        void queryClient.invalidateQueries({ queryKey: ['scaffolder', 'task', taskId] });
        void queryClient.invalidateQueries({ queryKey: ['scaffolder', 'tasks'] });
      } else if (event.body?.status) {
        void queryClient.invalidateQueries({ queryKey: ['scaffolder', 'task', taskId] });
      }
    };
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.onmessage = onEvent;
    for (const type of EVENT_TYPES) source.addEventListener(type, onEvent);
    return () => {
      source.close();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [client, queryClient, taskId]);

  return { events, connected, ended };
}
