import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { EmptyState } from '@portal/app-api';
import type { Entity } from '@portal/catalog-model';
import { HighlightedSource, type SourceLanguage } from './HighlightedSource.js';
import { OpenApiReference } from './openapi/OpenApiReference.js';

function languageOf(type: string, definition: string): SourceLanguage {
  if (type === 'graphql') return 'graphql';
  if (type === 'grpc') return 'protobuf';
  return definition.trimStart().startsWith('{') ? 'json' : 'yaml';
}

/** An API's `spec.definition`: OpenAPI as an explorable reference, the others as highlighted source. */
export function ApiDefinition({ entity }: { entity: Entity }) {
  const definition = typeof entity.spec?.definition === 'string' ? entity.spec.definition : undefined;
  const type = typeof entity.spec?.type === 'string' ? entity.spec.type.toLowerCase() : '';
  const [view, setView] = useState<'reference' | 'raw'>('reference');
  if (!definition) {
    return <EmptyState title="No definition" description="This API has no spec.definition. Add one (it may use $text: ./openapi.yaml) to see it here." />;
  }
  const language = languageOf(type, definition);
  if (type !== 'openapi') {
    return (
      <Stack spacing={1}>
        {!['asyncapi', 'graphql', 'grpc'].includes(type) && <Alert severity="info">Definitions of type “{type}” are shown as source.</Alert>}
        <HighlightedSource code={definition} language={language} label={`${type} definition`} />
      </Stack>
    );
  }
  return (
    <Stack spacing={2}>
      <ToggleButtonGroup exclusive size="small" value={view} onChange={(_e, v) => v && setView(v)} aria-label="Definition view">
        <ToggleButton value="reference">Reference</ToggleButton>
        <ToggleButton value="raw">Raw</ToggleButton>
      </ToggleButtonGroup>
      {view === 'reference' ? (
        <OpenApiReference definition={definition} />
      ) : (
        <HighlightedSource code={definition} language={language} label="OpenAPI definition" />
      )}
    </Stack>
  );
}
