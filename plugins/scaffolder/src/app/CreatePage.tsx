import AddCircleOutlineIcon from '@mui/icons-material/AddCircleOutlineOutlined';
import { EmptyState, PageLayout } from '@portal/app-api';

export function CreatePage() {
  return (
    <PageLayout title="Create" subtitle="Start a new project from one of your organisation's software templates.">
      <EmptyState
        icon={<AddCircleOutlineIcon />}
        title="No templates yet"
        description={
          <>
            Templates are catalog entities of <code>kind: Template</code>: a <code>template.yaml</code> that asks for
            a few parameters and lists the steps that create the repository. Register one with the catalog and it
            appears here, ready to run.
          </>
        }
      />
    </PageLayout>
  );
}
