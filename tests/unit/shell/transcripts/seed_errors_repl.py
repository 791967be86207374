#! models: seed
#! setup: seed
#! mode: repl
Post.objects.get(pk=99)
Post.objects.get(views_count__gte=0)
Post.objects.filter(nope=1)
Post.objects.filter(title__nope='x')
Post.objects.order_by('nope')
Post.objects.values('nope')
Comment.objects.filter(post__nope=1)
Post.objects.all()[-1]
undefined_name
Post.objects.get(pk=1).nope
Tag.objects.create(name='django')
