import { useQuery } from '@tanstack/react-query';
import Autocomplete from '@mui/material/Autocomplete';
import Chip from '@mui/material/Chip';
import TextField from '@mui/material/TextField';
import type { FieldProps } from '@rjsf/utils';
import { fetchJson } from '@portal/app-api';
import { fieldChrome, stringListOption, uiOptionsOf } from './fieldOptions.js';

interface FacetsResponse {
  facets: Record<string, Array<{ value: string; count: number }>>;
}

/** Tags for the new entity: free text, suggested from the tags the catalog already uses. */
export function EntityTagsPickerField(props: FieldProps) {
  const chrome = fieldChrome(props);
  const options = uiOptionsOf(props);
  const kinds = stringListOption(options, 'kinds');
  const value = Array.isArray(props.formData) ? props.formData.filter((tag): tag is string => typeof tag === 'string') : [];
  const facets = useQuery({
    queryKey: ['scaffolder', 'tag-facets', kinds],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ facet: 'metadata.tags' });
      for (const kind of kinds ?? []) params.append('filter', `kind=${kind.toLowerCase()}`);
      return fetchJson<FacetsResponse>(`/api/catalog/entity-facets?${params}`, { signal });
    },
  });
  const suggestions = (facets.data?.facets['metadata.tags'] ?? []).map(facet => facet.value);
  return (
    <Autocomplete<string, true, false, true>
      id={props.fieldPathId.$id}
      multiple
      freeSolo
      autoSelect
      options={suggestions}
      value={value}
      disabled={chrome.disabled}
      onChange={(_event, next) => {
        const tags = [...new Set(next.map(tag => tag.trim().toLowerCase()).filter(Boolean))];
        props.onChange(tags.length ? tags : undefined, props.fieldPathId.path);
      }}
      renderValue={(tags, getItemProps) =>
        tags.map((tag, index) => {
          const { key, ...chipProps } = getItemProps({ index });
          return <Chip key={key} size="small" label={tag} {...chipProps} />;
        })
      }
      renderInput={params => (
        <TextField
          {...params}
          label={chrome.label}
          required={chrome.required}
          error={chrome.error}
          autoFocus={chrome.autoFocus}
          helperText={typeof options.helperText === 'string' ? options.helperText : (chrome.helperText ?? 'Type a tag and press Enter')}
        />
      )}
    />
  );
}
