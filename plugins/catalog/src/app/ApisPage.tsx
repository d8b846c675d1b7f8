import ApiOutlinedIcon from '@mui/icons-material/ApiOutlined';
import { EmptyState } from '@portal/app-api';
import { CatalogBrowser } from './index-page/CatalogBrowser.js';

/** The catalog filtered to APIs. */
export function ApisPage() {
  return (
    <CatalogBrowser
      title="APIs"
      subtitle="The APIs your services provide and consume, with their definitions."
      fixedKind="api"
      facets={['type', 'lifecycle', 'owner', 'tag']}
      empty={
        <EmptyState
          icon={<ApiOutlinedIcon />}
          title="No APIs yet"
          description={
            <>
              APIs are catalog entities of <code>kind: API</code>. Describe one in a <code>catalog-info.yaml</code> with its OpenAPI, AsyncAPI, GraphQL or gRPC
              definition, register the file, and it shows up here.
            </>
          }
        />
      }
    />
  );
}
