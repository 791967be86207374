#! models: m2m
#! setup: m2m
#! mode: repl
Post.objects.filter(author=Author.objects.filter(name='Ann'))
Post.objects.filter(author=Author.objects.all()[1:3])
Post.objects.filter(author__in=Reader.objects.all())
Post.objects.filter(author__in=Reader.objects.values('id'))
Post.objects.filter(author=Reader.objects.all()[:1])
Post.objects.filter(author__in=Author.objects.all()[:2]).order_by('id')
Post.objects.filter(pk__in=Author.objects.none()).query
str(Post.objects.filter(pk__in=Author.objects.none()).query)
