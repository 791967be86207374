#! models: seed
#! setup: seed
#! mode: script
#! debug: true
from django.db import connection, reset_queries
post = Post.objects.get(pk=4)
django = Tag.objects.get(name='django')
reset_queries()
post.tags.add(django)
post.tags.add(1, 3)
post.tags.remove(django)
post.tags.set([2, 3])
post.tags.clear()
django.post_set.add(post)
print(django.post_set.order_by('id'))
t = post.tags.create(name='new')
post.delete()
Comment.objects.filter(author='bob').delete()
print(Tag.objects.filter(name='new').delete())
for q in connection.queries:
    print(q['sql'])
print(Post.objects.filter(tags__name='python').exclude(comments__author='ann').query)
print(Post.objects.filter(tags__name='python').exclude(comments__author='ann'))
print(Comment.objects.filter(post__tags__name='python').order_by('id'))
print(Comment.objects.filter(post__tags__name='python').query)
print(Post.objects.annotate(c=Count('comments')).filter(c=0) if False else '')
