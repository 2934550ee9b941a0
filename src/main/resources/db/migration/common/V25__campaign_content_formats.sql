-- How a campaign's content is written. html stays what is sent (sanitised); source holds the
-- Markdown it was rendered from when content_format is markdown, and is null otherwise.
alter table campaigns add column content_format varchar(20) default 'html' not null;
alter table campaigns add column source varchar(500000);
alter table campaigns add constraint campaigns_content_format_check check (content_format in ('html', 'markdown', 'richtext'));
