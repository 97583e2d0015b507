// The admin API, called with the operator's token as a Bearer header. The token lives in sessionStorage:
// gone when the tab closes, never sent anywhere but the admin API.
const KEY = 'qaqpa.console.token';
let base = '/admin/';

export function setBase(url) {
  base = url;
}

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(KEY, value);
  else sessionStorage.removeItem(KEY);
}

/** An answer the API refused: its HTTP status and JSON error body ({error, message, field}). */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.error = body?.error;
    this.field = body?.field;
  }
}

/** Calls the API; {@code body} is sent as JSON, or as it is when {@code contentType} is given (an uploaded PEM). */
export async function api(path, { method = 'GET', body, contentType } = {}) {
  const headers = { Authorization: `Bearer ${token() ?? ''}` };
  if (body !== undefined) headers['Content-Type'] = contentType ?? 'application/json';
  const response = await fetch(base + path, {
    method, headers, body: body === undefined || contentType ? body : JSON.stringify(body), cache: 'no-store',
  });
  let json = null;
  try {
    json = await response.json();
  } catch {
    // not JSON: the status says enough
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}
