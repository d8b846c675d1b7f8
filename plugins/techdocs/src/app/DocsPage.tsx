import MenuBookOutlinedIcon from '@mui/icons-material/MenuBookOutlined';
import { EmptyState, PageLayout } from '@portal/app-api';

export function DocsPage() {
  return (
    <PageLayout title="Docs" subtitle="Documentation written next to the code, rendered from the same commit.">
      <EmptyState
        icon={<MenuBookOutlinedIcon />}
        title="No documentation yet"
        description={
          <>
            Docs appear here for catalog entities whose <code>catalog-info.yaml</code> carries the annotation{' '}
            <code>backstage.io/techdocs-ref: dir:.</code>, with a <code>mkdocs.yml</code> and a <code>docs/</code>{' '}
            folder of Markdown files in the same repository.
          </>
        }
      />
    </PageLayout>
  );
}
