/** The app's logo (assets/logo.svg), as a data: URL a self-contained document can carry. */
import logoSvg from '../../assets/logo.svg?raw';

export const LOGO_DATA_URL = `data:image/svg+xml;base64,${btoa(logoSvg)}`;
