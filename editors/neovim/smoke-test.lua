-- A smoke test of `pagelint server` with Neovim's own LSP client (works
-- from Neovim 0.7; the setup for users is in docs/editors.md). Opens a page,
-- prints the diagnostics per rule, types three trailing spaces on line 1 and
-- waits for fresh diagnostics, prints the code actions and the hover at the
-- first LNK001 finding, then stops the server:
--
--   PAGELINT=target/debug/pagelint PAGE=fixtures/examples/course-page.md \
--     nvim --headless -u NONE -c 'luafile editors/neovim/smoke-test.lua'
--
-- (It edits the buffer, never the file.)
local exe = os.getenv('PAGELINT') or 'pagelint'
local page = os.getenv('PAGE') or 'fixtures/examples/course-page.md'
local id = vim.lsp.start_client({ name = 'pagelint', cmd = { exe, 'server' }, root_dir = vim.fn.getcwd() })
vim.cmd('edit ' .. vim.fn.fnameescape(page))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, id)
vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local diags = vim.diagnostic.get(buf)
local codes = {}
for _, d in ipairs(diags) do codes[d.code or '?'] = (codes[d.code or '?'] or 0) + 1 end
local out = {}
for k, v in pairs(codes) do table.insert(out, k .. '=' .. v) end
table.sort(out)
print('diagnostics: ' .. #diags .. ' ' .. table.concat(out, ' '))
-- Type at the end of line 1, then check fresh diagnostics come.
vim.api.nvim_buf_set_lines(buf, 0, 1, false, { vim.api.nvim_buf_get_lines(buf, 0, 1, false)[1] .. '   ' })
local before = #diags
vim.wait(10000, function() return #vim.diagnostic.get(buf) ~= before end, 50)
print('after typing trailing spaces on line 1: ' .. #vim.diagnostic.get(buf))
-- Code actions at the first LNK001 finding.
local lnk
for _, d in ipairs(vim.diagnostic.get(buf)) do if d.code == 'LNK001' then lnk = d break end end
local params = { textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = lnk.lnum, character = lnk.col }, ['end'] = { line = lnk.lnum, character = lnk.col } },
  context = { diagnostics = {} } }
local res = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 5000)
for _, r in pairs(res or {}) do for _, a in ipairs(r.result or {}) do print('action: ' .. a.title) end end
local h = vim.lsp.buf_request_sync(buf, 'textDocument/hover', { textDocument = params.textDocument, position = params.range.start }, 5000)
for _, r in pairs(h or {}) do print('hover: ' .. string.sub(r.result.contents.value, 1, 60):gsub('\n', ' ')) end
vim.lsp.stop_client(id)
vim.wait(2000, function() return vim.lsp.client_is_stopped(id) end, 50)
print('stopped: ' .. tostring(vim.lsp.client_is_stopped(id)))
vim.cmd('qa!')
