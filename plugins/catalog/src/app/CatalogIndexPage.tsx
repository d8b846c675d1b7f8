import { Link as RouterLink } from 'react-router-dom';
import Button from '@mui/material/Button';
import AddIcon from '@mui/icons-material/Add';
import CategoryOutlinedIcon from '@mui/icons-material/CategoryOutlined';
import { EmptyState } from '@portal/app-api';
import { CatalogBrowser } from './index-page/CatalogBrowser.js';

export function CatalogIndexPage() {
  return (
    <CatalogBrowser
      title="Catalog"
      subtitle="The services, websites, libraries, APIs and teams of your organisation."
      facets={['type', 'owner', 'lifecycle', 'tag', 'namespace']}
      actions={
        <>
          <Button component={RouterLink} to="/catalog/locations" variant="outlined">
            Locations
          </Button>
          <Button component={RouterLink} to="/catalog/register" variant="contained" startIcon={<AddIcon />}>
            Register existing component
          </Button>
        </>
      }
      empty={
        <EmptyState
          icon={<CategoryOutlinedIcon />}
          title="No entities of this kind yet"
          description={
            <>
              Entities appear here once their repository has a <code>catalog-info.yaml</code> describing them and its location is registered, either in{' '}
              <code>app-config.yaml</code> under <code>catalog.locations</code> or by registering its URL.
            </>
          }
          action={
            <Button component={RouterLink} to="/catalog/register" variant="outlined">
              Register existing component
            </Button>
          }
        />
      }
    />
  );
}
