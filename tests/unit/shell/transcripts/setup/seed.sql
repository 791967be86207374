INSERT INTO blog_tag (id, name) VALUES (1, 'django'), (2, 'python'), (3, 'orm');
INSERT INTO blog_post (id, title, content, views_count) VALUES (1, 'Hello', 'First post', 10), (2, 'Migrations 101', 'makemigrations then migrate', 25), (3, 'Lazy QuerySets', 'Nothing runs until you look', 5), (4, 'Draft_50%', '', 0);
INSERT INTO blog_post_tags (post_id, tag_id) VALUES (1, 2), (2, 1), (2, 2), (3, 1), (3, 3);
INSERT INTO blog_comment (id, post_id, author, body) VALUES (1, 1, 'ann', 'Great start!'), (2, 1, 'bob', 'Welcome'), (3, 2, 'ann', 'Very helpful, great'), (4, 1, 'ann', 'One more thing');
