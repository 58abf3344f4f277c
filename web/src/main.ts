// Placeholder until the web UI lands: shows what the server runs on, so a newcomer sees it live.
const status = document.querySelector<HTMLParagraphElement>('#status')!;
fetch('/healthz')
  .then((r) => r.json())
  .then((h: { database: { kind: string }; jobs: { mode: string } }) => {
    status.textContent = `服务器已就绪：数据库 ${h.database.kind === 'embedded' ? '内置 PGlite' : 'Postgres'}，规划任务 ${h.jobs.mode === 'bullmq' ? 'BullMQ' : '进程内'}。API 文档见 /docs。`;
  })
  .catch(() => {
    status.textContent = '无法连接服务器。';
  });
