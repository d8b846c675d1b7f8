import { useDeferredValue, useMemo, useState, type HTMLAttributes, type Key } from 'react';
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

/** The catalog's suggestions for what is typed, and how a typed ref is completed; shared by the pickers. */
function useEntitySuggestions(mode: PickerMode, options: Record<string, unknown>) {
  const client = useScaffolderClient();
  const user = useCurrentUser();
  const [input, setInput] = useState('');
  const term = useDeferredValue(input);
  const filters = pickerFilters(mode, options, user.data?.ownershipEntityRefs ?? (user.data ? [user.data.userEntityRef] : undefined));
  const defaultKind = typeof options.defaultKind === 'string' ? options.defaultKind : mode === 'owner' ? 'Group' : undefined;
  const defaultNamespace = typeof options.defaultNamespace === 'string' ? options.defaultNamespace : undefined;
  const suggestions = useQuery({
    queryKey: ['scaffolder', 'entity-picker', filters, term],
    queryFn: ({ signal }) =>
      client.queryEntities({ filter: filters, fullTextFilterTerm: term.trim() || undefined, limit: SUGGESTION_LIMIT, orderField: 'metadata.name,asc' }, signal),
    enabled: mode !== 'owned' || !user.isLoading,
  });
  const entityOptions = useMemo(() => (suggestions.data?.items ?? []).map(toOption), [suggestions.data]);
  // Typed refs are completed with the picker's defaults, so `platform-team` means group:default/platform-team.
  const normalise = (typed: string) => {
    try {
      return stringifyEntityRef(parseEntityRef(typed.trim(), { defaultKind, defaultNamespace }));
    } catch {
      return typed.trim();
    }
  };
  return { entityOptions, loading: suggestions.isFetching, setInput, normalise };
}

function renderEntityOption({ key, ...itemProps }: HTMLAttributes<HTMLLIElement> & { key: Key }, option: EntityOption) {
  return (
    <Box component="li" key={key} {...itemProps}>
      <Box>
        <Typography variant="body2">{option.label}</Typography>
        <Typography variant="caption" sx={{ color: 'text.secondary' }}>
          {option.ref}
        </Typography>
      </Box>
    </Box>
  );
}

function EntityRefPicker({ mode, ...props }: FieldProps & { mode: PickerMode }) {
  const options = uiOptionsOf(props);
  const chrome = fieldChrome(props);
  const allowArbitrary = options.allowArbitraryValues !== false;
  const value: string = typeof props.formData === 'string' ? props.formData : '';
  const { entityOptions, loading, setInput, normalise } = useEntitySuggestions(mode, options);
  const selected = entityOptions.find(option => option.ref === value) ?? (value ? { ref: value, label: value } : null);

  return (
    <Autocomplete<EntityOption, false, false, boolean>
      id={props.fieldPathId.$id}
      freeSolo={allowArbitrary}
      autoSelect={allowArbitrary}
      options={entityOptions}
      loading={loading}
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
      renderOption={(itemProps, option) => renderEntityOption(itemProps, option)}
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

/**
 * Backstage's MultiEntityPicker: a list of entity references (`type: array`, items strings),
 * with the same options as EntityPicker (`catalogFilter`, `defaultKind`, `allowArbitraryValues`).
 */
export function MultiEntityPickerField(props: FieldProps) {
  const options = uiOptionsOf(props);
  const chrome = fieldChrome(props);
  const allowArbitrary = options.allowArbitraryValues !== false;
  const refs: string[] = Array.isArray(props.formData) ? props.formData.filter((item): item is string => typeof item === 'string') : [];
  const { entityOptions, loading, setInput, normalise } = useEntitySuggestions('entity', options);
  const selected = refs.map(ref => entityOptions.find(option => option.ref === ref) ?? { ref, label: ref });
  return (
    <Autocomplete<EntityOption, true, false, boolean>
      id={props.fieldPathId.$id}
      multiple
      freeSolo={allowArbitrary}
      autoSelect={allowArbitrary}
      options={entityOptions}
      loading={loading}
      value={selected}
      disabled={chrome.disabled}
      filterOptions={list => list.filter(option => !refs.includes(option.ref))}
      isOptionEqualToValue={(option, current) => option.ref === (typeof current === 'string' ? current : current.ref)}
      getOptionLabel={option => (typeof option === 'string' ? option : option.ref)}
      onInputChange={(_event, text, reason) => {
        if (reason === 'input') setInput(text);
      }}
      onChange={(_event, next) => {
        const chosen = next.map(item => (typeof item === 'string' ? normalise(item) : item.ref)).filter(Boolean);
        props.onChange(chosen.length ? [...new Set(chosen)] : undefined, props.fieldPathId.path);
      }}
      renderOption={(itemProps, option) => renderEntityOption(itemProps, option)}
      renderInput={params => (
        <TextField
          {...params}
          label={chrome.label}
          required={chrome.required}
          error={chrome.error}
          autoFocus={chrome.autoFocus}
          placeholder={chrome.placeholder}
          helperText={chrome.helperText}
          onBlur={() => props.onBlur(props.fieldPathId.$id, refs)}
        />
      )}
    />
  );
}
