INSERT INTO blog_author (id, name) VALUES (1, 'Ann'), (2, 'Bob'), (3, 'Cy');
INSERT INTO blog_profile (id, author_id, bio) VALUES (1, 1, 'Writes about Django');
INSERT INTO blog_article (id, title, published, price, rating, active, author_id) VALUES
 (1, 'Intro', '2024-01-15', '9.99', 4.5, 1, 1),
 (2, 'Models', '2024-03-02', '19.50', 3.0, 1, 1),
 (3, 'Queries', '2025-03-20', '0', 5.0, 0, 2),
 (4, 'Drafts', NULL, '12.00', 0, 1, NULL);
