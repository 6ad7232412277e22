// Dark and light themes: the dashboard's ui.theme is the default, the user's own choice (kept in this browser) wins.

const KEY = 'kargo.theme';

export function storedTheme() {
  const t = localStorage.getItem(KEY);
  return t === 'dark' || t === 'light' ? t : null;
}

/** Applies the user's choice, else the dashboard's default. */
export function applyTheme(dashboardDefault) {
  const theme = storedTheme() || (dashboardDefault === 'dark' ? 'dark' : 'light');
  document.documentElement.dataset.theme = theme;
  return theme;
}

export function toggleTheme() {
  const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  localStorage.setItem(KEY, next);
  document.documentElement.dataset.theme = next;
  return next;
}
