INSERT INTO blog_author (id, name) VALUES (1, 'Ann'), (2, 'Bob'), (3, 'Cy');
INSERT INTO blog_post (id, title, author_id, editor_id) VALUES
 (1, 'Intro', 1, NULL),
 (2, 'Models', 1, 2),
 (3, 'Queries', 2, 2),
 (4, 'Drafts', 3, 1);
INSERT INTO blog_person (id, name) VALUES (1, 'Pia'), (2, 'Quin'), (3, 'Ravi'), (9, 'Nine'), (17, 'Seventeen');
INSERT INTO blog_club (id, name) VALUES (1, 'Chess'), (2, 'Go');
