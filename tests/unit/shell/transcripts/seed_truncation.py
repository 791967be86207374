#! models: seed
#! mode: script
for i in range(25):
    Tag.objects.create(name='t%02d' % i)
print(Tag.objects.all())
print(Tag.objects.values('name')[:3])
print(Tag.objects.all()[:21])
print(Tag.objects.all()[:20])
print(Tag.objects.values_list('id', flat=True))
print(Tag.objects.count())
