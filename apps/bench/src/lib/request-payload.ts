/** The request-shaped object of the redaction scenarios, and the paths of its three secrets. */

/** A fresh object per call, as a request log would build. */
export function requestPayload(i: number) {
  return {
    req: {
      id: i,
      method: 'GET',
      url: '/api/items?page=2',
      headers: { host: 'example.test', authorization: 'Bearer abc.def.ghi', cookie: 'sid=123' },
    },
    user: { id: 42, name: 'alice', password: 'hunter2' },
    ms: 12.5,
  };
}

/** The object's type. */
export type RequestPayload = ReturnType<typeof requestPayload>;

/** The exact paths of the three secrets. */
export const SECRET_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'user.password'];
