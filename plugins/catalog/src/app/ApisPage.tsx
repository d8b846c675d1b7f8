import ApiOutlinedIcon from '@mui/icons-material/ApiOutlined';
import { EmptyState, PageLayout } from '@portal/app-api';

export function ApisPage() {
  return (
    <PageLayout title="APIs" subtitle="The APIs your services provide and consume, with their definitions.">
      <EmptyState
        icon={<ApiOutlinedIcon />}
        title="No APIs yet"
        description={
          <>
            APIs are catalog entities of <code>kind: API</code>. Describe one in a <code>catalog-info.yaml</code> with
            its OpenAPI, AsyncAPI or GraphQL definition, register the file, and it shows up here.
          </>
        }
      />
    </PageLayout>
  );
}
