/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Optional map tile URL template ({z}/{x}/{y}); without it the map draws on a plain background. */
  readonly VITE_TILE_URL?: string;
  readonly VITE_TILE_ATTRIBUTION?: string;
}
