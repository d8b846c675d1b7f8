import { useEffect, useEffectEvent, useState } from 'react';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import SearchIcon from '@mui/icons-material/Search';

const TYPING_PAUSE_MS = 300;

export interface SearchTextFieldProps {
  /** The search the view shows now. */
  value: string;
  /** Called once typing pauses, not on every key: each call is a query and a history entry. */
  onCommit(text: string): void;
}

/** The catalog's free-text search box. */
export function SearchTextField({ value, onCommit }: SearchTextFieldProps) {
  const [text, setText] = useState(value);
  // The URL changing under us (back button, "Clear filters") replaces what was typed.
  useEffect(() => setText(value), [value]);
  // Reads the latest value and callback when it fires, so only typing (re)starts the timer.
  const commit = useEffectEvent((typed: string) => {
    if (typed !== value) onCommit(typed);
  });
  useEffect(() => {
    const timer = setTimeout(() => commit(text), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <TextField
      size="small"
      label="Search"
      value={text}
      onChange={e => setText(e.target.value)}
      slotProps={{
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
