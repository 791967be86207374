#! models: m2m
#! setup: m2m
#! mode: script
#! debug: true
from django.db import connection, reset_queries
from django.db.models import Count
a = Author.objects.get(name='Ann')
r = Reader.objects.create(name='Rita')
r.follows.add(a)
print(Post.objects.filter(author__in=r.follows.all()).query)
print(Post.objects.filter(author__in=r.follows.all()).order_by('id'))
print(Author.objects.filter(pk__in=a.posts.values('editor')).query)
print(Author.objects.filter(pk__in=a.posts.values('editor')))
print(Post.objects.select_related('author').in_bulk([1, 2]))
print(Post.objects.select_related('editor').order_by('id').last().editor)
print(Post.objects.select_related('author').latest('id').author)
print(Post.objects.select_related('author').reverse().query)
print(Post.objects.select_related('author').get_or_create(title='Intro', author=a))
x = Post.objects.select_related('author')[0]
print(x.author, Post.objects.select_related('author').order_by('id')[0:1])
print(Post.objects.select_related('author').exclude(author__in=Author.objects.filter(name='Bob')).query)
print(Post.objects.filter(author__in=Author.objects.filter(name='Ann')).values('title').query)
print(Post.objects.filter(author__in=Author.objects.filter(name='Ann')).aggregate(n=Count('id')))
print(r.follows.filter(pk__in=Author.objects.filter(name='Ann')).query)
reset_queries()
print([p.author.name for p in Post.objects.select_related('author').order_by('id')])
print([p.author.name for p in Post.objects.select_related('author').order_by('id').iterator()])
print(len(connection.queries))
