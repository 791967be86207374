#! models: seed
#! setup: seed
#! mode: repl
Post.objects.all()
Post.objects.count()
p = Post.objects.get(pk=1)
p
p.title
str(p)
print(p)
Post.objects.values('id', 'title')[:2]
Post.objects.values_list('title', flat=True)[:2]
Post.objects.filter(title='Hello').exists()
for t in Tag.objects.all():
    print(t.id, t.name)

qs = Post.objects.filter(views_count__gt=5)
qs
qs.query
print(qs.query)
p.comments.all()
Comment.objects.first().post
Post.objects.none()
Post.objects
Post.DoesNotExist
Post
Post.objects.get(pk=2).tags.all()
Post.objects.first().pk
