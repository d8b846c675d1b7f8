import Button from '@mui/material/Button';
import CategoryOutlinedIcon from '@mui/icons-material/CategoryOutlined';
import { EmptyState, PageLayout } from '@portal/app-api';

export function CatalogPage() {
  return (
    <PageLayout title="Catalog" subtitle="The services, websites, libraries, APIs and teams of your organisation.">
      <EmptyState
        icon={<CategoryOutlinedIcon />}
        title="No entities yet"
        description={
          <>
            Entities appear here once their repository has a <code>catalog-info.yaml</code> describing them and its
            location is registered with the catalog, either in <code>app-config.yaml</code> under{' '}
            <code>catalog.locations</code> or by registering its URL.
          </>
        }
        action={
          <Button
            variant="outlined"
            href="https://backstage.io/docs/features/software-catalog/descriptor-format"
            target="_blank"
            rel="noreferrer"
          >
            How to write catalog-info.yaml
          </Button>
        }
      />
    </PageLayout>
  );
}
