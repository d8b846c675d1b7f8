import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import AddCircleOutlineIcon from '@mui/icons-material/AddCircleOutlineOutlined';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import CategoryOutlinedIcon from '@mui/icons-material/CategoryOutlined';
import MenuBookOutlinedIcon from '@mui/icons-material/MenuBookOutlined';
import { PageLayout } from '@portal/app-api';

interface Area {
  title: string;
  icon: ReactNode;
  description: string;
  to: string;
  linkText: string;
}

const areas: Area[] = [
  {
    title: 'Catalog',
    icon: <CategoryOutlinedIcon />,
    description: 'Every service, website, library, API and team in one place: who owns it, what it depends on, and where its code lives.',
    to: '/catalog',
    linkText: 'Browse the catalog',
  },
  {
    title: 'Create',
    icon: <AddCircleOutlineIcon />,
    description: 'Start a new service or library from a golden-path template: a repository with build, docs and catalog entry, ready in a minute.',
    to: '/create',
    linkText: 'Create something new',
  },
  {
    title: 'Docs',
    icon: <MenuBookOutlinedIcon />,
    description: 'Documentation written next to the code in Markdown, rendered here and kept in step with every commit.',
    to: '/docs',
    linkText: 'Read the docs',
  },
];

export function HomePage() {
  return (
    <PageLayout
      title="Welcome to the Developer Portal"
      tabTitle="Home"
      subtitle="Find the software your organisation runs, start new projects the right way, and read their documentation."
    >
      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))' }}>
        {areas.map(area => (
          <Card key={area.title} variant="outlined" sx={{ display: 'flex', flexDirection: 'column' }}>
            <CardContent sx={{ flexGrow: 1 }}>
              <Box
                sx={{
                  display: 'inline-flex',
                  p: 1,
                  mb: 2,
                  borderRadius: 2,
                  color: 'primary.main',
                  bgcolor: 'action.hover',
                }}
              >
                {area.icon}
              </Box>
              <Typography variant="h6" component="h2" gutterBottom>
                {area.title}
              </Typography>
              <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                {area.description}
              </Typography>
            </CardContent>
            <CardActions sx={{ px: 2, pb: 2 }}>
              <Button component={RouterLink} to={area.to} endIcon={<ArrowForwardIcon />}>
                {area.linkText}
              </Button>
            </CardActions>
          </Card>
        ))}
      </Box>
    </PageLayout>
  );
}
