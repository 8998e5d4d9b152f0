// Starts GraphiQL against this server's /graphql. A signed-in browser session sends its CSRF token
// (read from /auth/me); API clients paste "Authorization: Bearer …" into the headers editor.
(async () => {
  let headers = {};
  try {
    const me = await fetch("/auth/me", { credentials: "same-origin" });
    if (me.ok) {
      const body = await me.json();
      if (body.csrf_token) headers = { "X-CSRF-Token": body.csrf_token };
    }
  } catch (e) { /* not signed in: the headers editor is there */ }
  const fetcher = GraphiQL.createFetcher({ url: "/graphql", headers });
  const root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(React.createElement(GraphiQL, {
    fetcher,
    defaultEditorToolsVisibility: true,
    defaultHeaders: JSON.stringify({ "X-GVI-Purpose": "why you read person data" }, null, 2),
  }));
})();
