import { useEffect, useEffectEvent } from 'react';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { FieldProps } from '@rjsf/utils';
import { parseRepoPickerUrl, serializeRepoPickerUrl, type RepoUrlParts } from '../../../common/index.js';
import { fieldChrome, stringListOption, uiOptionsOf } from './fieldOptions.js';

/**
 * Where the new repository goes, as `host?owner=…&repo=…`. Hosts are the template's `allowedHosts`,
 * or the portal's own git host; owners and repository names may be restricted the same way.
 */
export function RepoUrlPickerField(props: FieldProps) {
  const chrome = fieldChrome(props);
  const options = uiOptionsOf(props);
  const allowedHosts = stringListOption(options, 'allowedHosts')?.filter(Boolean);
  const hosts = allowedHosts?.length ? allowedHosts : [window.location.host];
  const allowedOwners = stringListOption(options, 'allowedOwners')?.filter(Boolean);
  const allowedRepos = stringListOption(options, 'allowedRepos')?.filter(Boolean);
  const parts = parseRepoPickerUrl(typeof props.formData === 'string' ? props.formData : undefined);
  const id = props.fieldPathId.$id;

  const update = (change: Partial<RepoUrlParts>) => {
    const next = { ...parts, host: parts.host || hosts[0]!, ...change };
    props.onChange(serializeRepoPickerUrl(next), props.fieldPathId.path);
  };

  // A single choice needs no decision: fill it in so the value is complete without a click.
  // It runs on first render and when the allowed lists change, reading the value as it is then.
  const fillSingleChoices = useEffectEvent(() => {
    const change: Partial<RepoUrlParts> = {};
    if (!parts.host || (hosts.length === 1 && parts.host !== hosts[0])) change.host = hosts[0];
    if (!parts.owner && allowedOwners?.length === 1) change.owner = allowedOwners[0];
    if (!parts.repo && allowedRepos?.length === 1) change.repo = allowedRepos[0];
    if (Object.keys(change).length) update(change);
  });
  const hostList = hosts.join(',');
  const ownerList = allowedOwners?.join(',');
  const repoList = allowedRepos?.join(',');
  useEffect(() => fillSingleChoices(), [hostList, ownerList, repoList]);

  return (
    <Stack spacing={2} component="fieldset" sx={{ border: 0, p: 0, m: 0 }} aria-labelledby={`${id}-legend`}>
      <Typography id={`${id}-legend`} component="legend" variant="subtitle2">
        {chrome.label}
        {chrome.required ? ' *' : ''}
      </Typography>
      {chrome.helperText && (
        <Typography variant="body2" sx={{ color: 'text.secondary', mt: '0 !important' }}>
          {chrome.helperText}
        </Typography>
      )}
      <TextField
        id={`${id}-host`}
        select
        label="Host"
        value={parts.host || hosts[0]}
        disabled={chrome.disabled || hosts.length < 2}
        onChange={event => update({ host: event.target.value })}
        helperText={hosts.length < 2 ? 'The git host the repository is created on' : undefined}
      >
        {hosts.map(host => (
          <MenuItem key={host} value={host}>
            {host}
          </MenuItem>
        ))}
      </TextField>
      {allowedOwners?.length ? (
        <TextField
          id={`${id}-owner`}
          select
          label="Owner"
          required
          value={parts.owner ?? ''}
          error={chrome.error && !parts.owner}
          disabled={chrome.disabled}
          onChange={event => update({ owner: event.target.value })}
        >
          {allowedOwners.map(owner => (
            <MenuItem key={owner} value={owner}>
              {owner}
            </MenuItem>
          ))}
        </TextField>
      ) : (
        <TextField
          id={`${id}-owner`}
          label="Owner"
          required
          value={parts.owner ?? ''}
          error={chrome.error && !parts.owner}
          autoFocus={chrome.autoFocus}
          disabled={chrome.disabled}
          helperText="The organisation or user the repository belongs to"
          slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false } }}
          onChange={event => update({ owner: event.target.value.trim() })}
        />
      )}
      {allowedRepos?.length ? (
        <TextField
          id={`${id}-repo`}
          select
          label="Repository"
          required
          value={parts.repo ?? ''}
          error={chrome.error && !parts.repo}
          disabled={chrome.disabled}
          onChange={event => update({ repo: event.target.value })}
        >
          {allowedRepos.map(repo => (
            <MenuItem key={repo} value={repo}>
              {repo}
            </MenuItem>
          ))}
        </TextField>
      ) : (
        <TextField
          id={`${id}-repo`}
          label="Repository"
          required
          value={parts.repo ?? ''}
          error={chrome.error && !parts.repo}
          disabled={chrome.disabled}
          helperText="The name of the new repository"
          slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false } }}
          onChange={event => update({ repo: event.target.value.trim() })}
        />
      )}
    </Stack>
  );
}
