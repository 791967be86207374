#! models: m2m
#! setup: m2m
#! mode: script
#! debug: true
from django.db import connection, reset_queries
ann = Author.objects.get(name='Ann')
bob = Author.objects.get(name='Bob')
rita = Reader.objects.create(name='Rita')
rita.follows.add(ann, bob)
pia, quin = Person.objects.filter(pk__in=[1, 2]).order_by('id')
pia.friends.add(quin)
reset_queries()
for a in Author.objects.prefetch_related('posts').order_by('id'):
    print(a, a.posts.all(), a.posts.count(), a.posts.exists())
for a in Author.objects.prefetch_related('followers').order_by('id'):
    print(a, a.followers.all(), a.followers.count())
for r in Reader.objects.prefetch_related('follows'):
    print(r, r.follows.all(), r.follows.filter(name='Ann'))
for p in Post.objects.prefetch_related('author', 'editor').order_by('id'):
    print(p, p.author, p.editor)
for p in Person.objects.prefetch_related('friends').order_by('id'):
    print(p, p.friends.all())
authors = list(Author.objects.prefetch_related('posts__editor').order_by('id'))
print([[(p.title, p.editor) for p in a.posts.all()] for a in authors])
print(list(Author.objects.filter(name='zzz').prefetch_related('posts')))
a = Author.objects.prefetch_related('posts').get(pk=1)
print(a.posts.all())
print(Author.objects.prefetch_related('posts').first().posts.all())
print(Post.objects.select_related('author').prefetch_related('author__posts').get(pk=4).author.posts.all())
print(Author.objects.prefetch_related('posts').prefetch_related(None).get(pk=2).posts.all())
r = Reader.objects.prefetch_related('follows').get(pk=rita.pk)
print(r.follows.all())
r.follows.remove(bob)
print(r.follows.all())
for q in connection.queries:
    print(q['sql'])
