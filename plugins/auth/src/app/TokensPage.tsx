import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import KeyOutlinedIcon from '@mui/icons-material/KeyOutlined';
import { EmptyState, ErrorPanel, PageLayout, Progress, SignInPrompt } from '@portal/app-api';
import { PERSONAL_TOKEN_EXPIRY_DAYS, type CreatedPersonalToken, type PersonalTokenInfo, type PersonalTokenScope } from '../common/index.js';
import { createToken, fetchTokens, revokeToken, tokensQueryKey } from './tokensApi.js';
import { useIdentity } from './useIdentity.js';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'Never');
const scopeLabel: Record<PersonalTokenScope, string> = { read: 'Read', write: 'Read and write' };

function NewTokenForm({ onCreated }: { onCreated: (token: CreatedPersonalToken) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<PersonalTokenScope>('read');
  const [expiresInDays, setExpiresInDays] = useState<number>(30);
  const create = useMutation({
    mutationFn: createToken,
    onSuccess: token => {
      setName('');
      onCreated(token);
      void queryClient.invalidateQueries({ queryKey: tokensQueryKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), scope, expiresInDays });
  };
  return (
    <Paper variant="outlined" component="form" onSubmit={submit} aria-label="New token" sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
        New token
      </Typography>
      <Stack spacing={2} sx={{ maxWidth: 560 }}>
        <TextField
          label="Name"
          value={name}
          onChange={e => setName(e.target.value)}
          required
          helperText="What it is for, such as “laptop clone”"
          slotProps={{ htmlInput: { maxLength: 100 } }}
        />
        <TextField select label="Expires in" value={expiresInDays} onChange={e => setExpiresInDays(Number(e.target.value))}>
          {PERSONAL_TOKEN_EXPIRY_DAYS.map(days => (
            <MenuItem key={days} value={days}>
              {days} days
            </MenuItem>
          ))}
        </TextField>
        <div>
          <FormLabel id="token-scope">Scope</FormLabel>
          <RadioGroup aria-labelledby="token-scope" value={scope} onChange={e => setScope(e.target.value as PersonalTokenScope)}>
            <FormControlLabel value="read" control={<Radio />} label="Read: the catalog, docs and cloning repositories" />
            <FormControlLabel value="write" control={<Radio />} label="Read and write: also pushing and changing what you may change" />
          </RadioGroup>
        </div>
        {create.isError && <ErrorPanel error={create.error} title="Could not make the token" />}
        <div>
          <Button type="submit" variant="contained" disabled={create.isPending || name.trim() === ''}>
            Create token
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}

function ShownOnce({ token, onDone }: { token: CreatedPersonalToken; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(token.token).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <Alert severity="success" variant="outlined" role="status" aria-label="New token">
      <AlertTitle>Copy your new token “{token.name}” now: it is not shown again</AlertTitle>
      <Typography component="code" data-testid="new-token" sx={{ display: 'block', fontFamily: 'monospace', wordBreak: 'break-all', userSelect: 'all', my: 1 }}>
        {token.token}
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        Use it as <code>Authorization: Bearer …</code> for the API, and as the password when git asks (any user name).
      </Typography>
      <Stack direction="row" spacing={1}>
        <Button size="small" variant="outlined" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button size="small" onClick={onDone}>
          Done
        </Button>
      </Stack>
    </Alert>
  );
}

function TokenTable({ tokens }: { tokens: PersonalTokenInfo[] }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({ mutationFn: revokeToken, onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }) });
  const now = Date.now();
  return (
    <Stack spacing={1}>
      {revoke.isError && <ErrorPanel error={revoke.error} title="Could not revoke the token" />}
      <Paper variant="outlined">
        <Table size="small" aria-label="Personal access tokens">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Scope</TableCell>
              <TableCell>Created</TableCell>
              <TableCell>Expires</TableCell>
              <TableCell>Last used</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {tokens.map(token => {
              const expired = new Date(token.expiresAt).getTime() <= now;
              return (
                <TableRow key={token.id}>
                  <TableCell>{token.name}</TableCell>
                  <TableCell>{scopeLabel[token.scope]}</TableCell>
                  <TableCell>{when(token.createdAt)}</TableCell>
                  <TableCell sx={expired ? { color: 'error.main' } : undefined}>
                    {expired ? `Expired ${when(token.expiresAt)}` : when(token.expiresAt)}
                  </TableCell>
                  <TableCell>{when(token.lastUsedAt)}</TableCell>
                  <TableCell align="right">
                    <Button size="small" color="error" disabled={revoke.isPending} onClick={() => revoke.mutate(token.id)} aria-label={`Revoke ${token.name}`}>
                      Revoke
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Paper>
    </Stack>
  );
}

/** /settings/tokens: the signed-in person's personal access tokens for the API and git. */
export function TokensPage() {
  const { identity, isLoading } = useIdentity();
  const tokens = useQuery({ queryKey: tokensQueryKey, queryFn: fetchTokens, enabled: Boolean(identity) });
  const [created, setCreated] = useState<CreatedPersonalToken>();
  return (
    <PageLayout
      title="Personal access tokens"
      subtitle="Tokens act as you for scripts and git: clone and push the portal's repositories with one as the password."
    >
      {isLoading ? (
        <Progress label="Loading" />
      ) : !identity ? (
        <SignInPrompt message="Sign in to make personal access tokens." />
      ) : (
        <Stack spacing={3}>
          {created && <ShownOnce token={created} onDone={() => setCreated(undefined)} />}
          <NewTokenForm onCreated={setCreated} />
          {tokens.isPending ? (
            <Progress label="Loading your tokens" />
          ) : tokens.isError ? (
            <ErrorPanel error={tokens.error} title="Could not load your tokens" />
          ) : tokens.data.length === 0 ? (
            <EmptyState icon={<KeyOutlinedIcon />} title="No tokens yet" description="Tokens you make are listed here until you revoke them." />
          ) : (
            <TokenTable tokens={tokens.data} />
          )}
        </Stack>
      )}
    </PageLayout>
  );
}
