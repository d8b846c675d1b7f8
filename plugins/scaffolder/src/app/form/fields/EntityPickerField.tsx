import { useDeferredValue, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import Box from '@mui/material/Box';
import type { FieldProps } from '@rjsf/utils';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@portal/catalog-model';
import { useScaffolderClient } from '../../api.js';
import { useCurrentUser } from '../../hooks.js';
import { catalogFilterToQuery, fieldChrome, stringListOption, uiOptionsOf } from './fieldOptions.js';

interface EntityOption {
  ref: string;
  label: string;
  kind?: string;
}

type PickerMode = 'entity' | 'owner' | 'owned';

const OWNER_KINDS = ['Group', 'User'];
const SUGGESTION_LIMIT = 50;

/** The catalog filters the picker's options come from, per mode and `ui:options`. */
function pickerFilters(mode: PickerMode, options: Record<string, unknown>, ownershipRefs: string[] | undefined): string[] {
  let filters = catalogFilterToQuery(options.catalogFilter);
  if (filters.length === 0) {
    const kinds = stringListOption(options, 'allowedKinds') ?? (mode === 'owner' ? OWNER_KINDS : []);
    filters = kinds.length ? kinds.map(kind => `kind=${kind.toLowerCase()}`) : [];
  }
  if (mode === 'owned' && ownershipRefs?.length) {
    const base = filters.length ? filters : [''];
    filters = base.flatMap(filter => ownershipRefs.map(ref => [filter, `relations.ownedBy=${ref}`].filter(Boolean).join(',')));
  }
  return filters;
}

function toOption(entity: Entity): EntityOption {
  return { ref: stringifyEntityRef(entity), label: entity.metadata.title ?? entity.metadata.name, kind: entity.kind };
}

function EntityRefPicker({ mode, ...props }: FieldProps & { mode: PickerMode }) {
  const client = useScaffolderClient();
  const options = uiOptionsOf(props);
  const chrome = fieldChrome(props);
  const user = useCurrentUser();
  const [input, setInput] = useState('');
  const term = useDeferredValue(input);
  const filters = pickerFilters(mode, options, user.data?.ownershipEntityRefs ?? (user.data ? [user.data.userEntityRef] : undefined));
  const defaultKind = typeof options.defaultKind === 'string' ? options.defaultKind : mode === 'owner' ? 'Group' : undefined;
  const defaultNamespace = typeof options.defaultNamespace === 'string' ? options.defaultNamespace : undefined;
  const allowArbitrary = options.allowArbitraryValues !== false;
  const value: string = typeof props.formData === 'string' ? props.formData : '';

  const suggestions = useQuery({
    queryKey: ['scaffolder', 'entity-picker', filters, term],
    queryFn: ({ signal }) =>
      client.queryEntities({ filter: filters, fullTextFilterTerm: term.trim() || undefined, limit: SUGGESTION_LIMIT, orderField: 'metadata.name,asc' }, signal),
    enabled: mode !== 'owned' || !user.isLoading,
  });
  const entityOptions = useMemo(() => (suggestions.data?.items ?? []).map(toOption), [suggestions.data]);
  const selected = entityOptions.find(option => option.ref === value) ?? (value ? { ref: value, label: value } : null);

  // Typed refs are completed with the picker's defaults, so `platform-team` means group:default/platform-team.
  const normalise = (typed: string) => {
    try {
      return stringifyEntityRef(parseEntityRef(typed.trim(), { defaultKind, defaultNamespace }));
    } catch {
      return typed.trim();
    }
  };

  return (
    <Autocomplete<EntityOption, false, false, boolean>
      id={props.fieldPathId.$id}
      freeSolo={allowArbitrary}
      autoSelect={allowArbitrary}
      options={entityOptions}
      loading={suggestions.isFetching}
      value={selected}
      disabled={chrome.disabled}
      filterOptions={list => list}
      isOptionEqualToValue={(option, current) => option.ref === (typeof current === 'string' ? current : current.ref)}
      getOptionLabel={option => (typeof option === 'string' ? option : option.ref)}
      onInputChange={(_event, text, reason) => {
        if (reason === 'input') setInput(text);
      }}
      onChange={(_event, next) => {
        const ref = next === null ? undefined : typeof next === 'string' ? normalise(next) || undefined : next.ref;
        props.onChange(ref, props.fieldPathId.path);
      }}
      renderOption={({ key, ...itemProps }, option) => (
        <Box component="li" key={key} {...itemProps}>
          <Box>
            <Typography variant="body2">{option.label}</Typography>
            <Typography variant="caption" sx={{ color: 'text.secondary' }}>
              {option.ref}
            </Typography>
          </Box>
        </Box>
      )}
      renderInput={params => (
        <TextField
          {...params}
          label={chrome.label}
          required={chrome.required}
          error={chrome.error}
          autoFocus={chrome.autoFocus}
          placeholder={chrome.placeholder}
          helperText={chrome.helperText}
          onBlur={() => props.onBlur(props.fieldPathId.$id, value)}
        />
      )}
    />
  );
}

export function EntityPickerField(props: FieldProps) {
  return <EntityRefPicker {...props} mode="entity" />;
}

export function OwnerPickerField(props: FieldProps) {
  return <EntityRefPicker {...props} mode="owner" />;
}

export function OwnedEntityPickerField(props: FieldProps) {
  return <EntityRefPicker {...props} mode="owned" />;
}
