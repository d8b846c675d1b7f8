import TextField from '@mui/material/TextField';
import type { FieldProps } from '@rjsf/utils';
import { fieldChrome } from './fieldOptions.js';

/** A name for a new entity; the catalog's name rule is checked before "Next" (see fieldValidation). */
export function EntityNamePickerField(props: FieldProps) {
  const chrome = fieldChrome(props);
  const value = typeof props.formData === 'string' ? props.formData : '';
  return (
    <TextField
      id={props.fieldPathId.$id}
      label={chrome.label}
      required={chrome.required}
      error={chrome.error}
      autoFocus={chrome.autoFocus}
      disabled={chrome.disabled}
      placeholder={chrome.placeholder}
      value={value}
      helperText={chrome.helperText}
      slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false } }}
      onChange={event => props.onChange(event.target.value.trim() || undefined, props.fieldPathId.path)}
      onBlur={() => props.onBlur(props.fieldPathId.$id, value)}
    />
  );
}

/**
 * A secret: sent with the task as a secret, never stored with the form or shown on the review or
 * task pages (the wizard moves it out of the values).
 */
export function SecretField(props: FieldProps) {
  const chrome = fieldChrome(props);
  const value = typeof props.formData === 'string' ? props.formData : '';
  return (
    <TextField
      id={props.fieldPathId.$id}
      type="password"
      label={chrome.label}
      required={chrome.required}
      error={chrome.error}
      autoFocus={chrome.autoFocus}
      disabled={chrome.disabled}
      value={value}
      helperText={chrome.helperText}
      slotProps={{ htmlInput: { autoComplete: 'new-password' } }}
      onChange={event => props.onChange(event.target.value || undefined, props.fieldPathId.path)}
      onBlur={() => props.onBlur(props.fieldPathId.$id, value)}
    />
  );
}
