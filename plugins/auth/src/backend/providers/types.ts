import type { Request } from 'express';
import type { Strategy } from 'passport';
import type { SignInConfig } from '../config.js';

/** A configured way to sign in. Redirecting providers are passport strategies. */
export interface AuthProvider {
  id: string;
  title: string;
  strategy: Strategy;
  signIn: SignInConfig;
}

/** Where to send the browser after sign-in: only paths inside the portal, never another site. */
export function safeRedirect(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  return value;
}

export function redirectOf(req: Request): string {
  return safeRedirect(req.query.redirect);
}
