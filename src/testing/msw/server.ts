import { setupServer } from 'msw/node';
import { backendHandlers } from '../backend.ts';

export const server = setupServer(...backendHandlers);
