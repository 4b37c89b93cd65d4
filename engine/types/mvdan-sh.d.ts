// mvdan-sh ships no type declarations; its GopherJS objects are typed as `any` at the boundary.
declare module 'mvdan-sh' {
  // biome-ignore lint/suspicious/noExplicitAny: untyped GopherJS API.
  const sh: { syntax: any };
  export default sh;
}
