import TextField from '@mui/material/TextField';
import type { FieldProps } from '@rjsf/utils';
import { STANDS_IN_FOR } from '../unknownFields.js';
import { fieldChrome } from './fieldOptions.js';

/** Text for a value of the schema's type: numbers parsed, lists as comma-separated text. */
function parseTyped(text: string, type: unknown): unknown {
  if (text.trim() === '') return undefined;
  if (type === 'number' || type === 'integer') return Number.isNaN(Number(text)) ? text : Number(text);
  if (type === 'boolean') return text.trim() === 'true' ? true : text.trim() === 'false' ? false : text;
  if (type === 'array')
    return text
      .split(',')
      .map(item => item.trim())
      .filter(Boolean);
  return text;
}

function showTyped(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Stands in for a field extension this portal does not have: a labelled text input that says
 * which extension the template asked for, so the form still opens and the value can be typed.
 */
export function UnknownFieldExtension(props: FieldProps) {
  const chrome = fieldChrome(props);
  const extension = String(props.uiSchema?.[STANDS_IN_FOR] ?? 'unknown');
  const note = `Typed by hand: this portal has no ${extension} field extension${props.schema.type === 'array' ? ' (separate values with commas)' : ''}.`;
  const value = showTyped(props.formData);
  return (
    <TextField
      id={props.fieldPathId.$id}
      label={chrome.label}
      required={chrome.required}
      error={chrome.error}
      autoFocus={chrome.autoFocus}
      disabled={chrome.disabled}
      placeholder={chrome.placeholder}
      defaultValue={value}
      helperText={chrome.helperText ? `${chrome.helperText} — ${note}` : note}
      slotProps={{ htmlInput: { 'data-field-extension': extension } }}
      onChange={event => props.onChange(parseTyped(event.target.value, props.schema.type), props.fieldPathId.path)}
      onBlur={() => props.onBlur(props.fieldPathId.$id, value)}
      fullWidth
    />
  );
}
