import { useMemo } from 'react';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';

/** Kinds shown first in the tabs, in this order; others follow by count. */
const KIND_ORDER = ['component', 'api', 'system', 'domain', 'resource', 'group', 'user', 'template', 'location'];

export interface KindTabsProps {
  /** The kind shown, lower case, or 'all'. */
  value: string;
  /** The kind facet's counts; undefined while they load. */
  counts: Array<{ value: string; count: number }> | undefined;
  onChange(kind: string): void;
}

/** One tab per kind in the catalog, with its number of entities, and "All". */
export function KindTabs({ value, counts, onChange }: KindTabsProps) {
  const kinds = useMemo(() => {
    const list = (counts ?? []).map(k => ({ kind: k.value.toLowerCase(), label: k.value, count: k.count }));
    const rank = (k: string) => (KIND_ORDER.includes(k) ? KIND_ORDER.indexOf(k) : KIND_ORDER.length);
    list.sort((a, b) => rank(a.kind) - rank(b.kind) || b.count - a.count);
    // A deep link to a kind with no entities (or counts still loading) still needs a tab to select.
    if (!list.some(k => k.kind === value) && value !== 'all') list.unshift({ kind: value, label: value, count: 0 });
    return list;
  }, [counts, value]);

  return (
    <Tabs
      value={value}
      onChange={(_e, kind: string) => onChange(kind)}
      variant="scrollable"
      aria-label="Kinds"
      sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
    >
      {kinds.map(k => (
        <Tab key={k.kind} value={k.kind} label={`${k.label} (${k.count.toLocaleString()})`} />
      ))}
      <Tab value="all" label="All" />
    </Tabs>
  );
}
