import Autocomplete from '@mui/material/Autocomplete';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { humanizeRef } from '../api.js';
import { FACETS, type FacetParam } from './catalogFilters.js';

export interface FacetFiltersProps {
  facets: readonly FacetParam[];
  counts: Record<string, Array<{ value: string; count: number }>> | undefined;
  selected: Record<FacetParam, string[]>;
  onChange(param: FacetParam, values: string[]): void;
}

/** A multi-select per facet, each option with the number of entities that have it. */
export function FacetFilters({ facets, counts, selected, onChange }: FacetFiltersProps) {
  return (
    <Stack spacing={2}>
      {FACETS.filter(f => facets.includes(f.param)).map(facet => {
        const options = counts?.[facet.path] ?? [];
        const countOf = new Map(options.map(o => [o.value.toLowerCase(), o.count]));
        const values = [...new Set([...options.map(o => o.value), ...selected[facet.param]])];
        const label = (value: string) => (facet.param === 'owner' ? humanizeRef(value, 'group') : value);
        return (
          <Autocomplete
            key={facet.param}
            multiple
            size="small"
            options={values}
            value={selected[facet.param]}
            onChange={(_event, next) => onChange(facet.param, next)}
            getOptionLabel={label}
            renderOption={(props, option) => {
              const { key, ...rest } = props as typeof props & { key: string };
              return (
                <li key={key} {...rest}>
                  <Stack direction="row" sx={{ width: '100%', justifyContent: 'space-between', gap: 1 }}>
                    <span>{label(option)}</span>
                    <span aria-label={`${countOf.get(option.toLowerCase()) ?? 0} entities`}>{countOf.get(option.toLowerCase()) ?? 0}</span>
                  </Stack>
                </li>
              );
            }}
            renderInput={params => <TextField {...params} label={facet.label} />}
          />
        );
      })}
    </Stack>
  );
}
