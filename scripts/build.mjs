#!/usr/bin/env node
// `npm run build`: compiles every package and builds the app.
import { buildApp, buildPackages } from './build-steps.mjs';

buildPackages();
buildApp();
